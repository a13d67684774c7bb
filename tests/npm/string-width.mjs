// string-width: display widths of ASCII, CJK, emoji (incl. ZWJ/flags/modifiers), combining marks and ANSI.
import stringWidth from 'string-width';

const samples = [
  ['ascii', 'hello'],
  ['empty', ''],
  ['cjk', '古池や'],
  ['fullwidth', 'ＡＢＣ'],
  ['hangul', '한국어'],
  ['mixed', 'a古b'],
  ['emoji', '😀'],
  ['zwj family', '👨‍👩‍👧‍👦'],
  ['flag', '🇯🇵'],
  ['skin tone', '👍🏽'],
  ['keycap', '1️⃣'],
  ['text-presentation', '☺'],
  ['emoji-presentation', '☺️'],
  ['combining', 'e\u0301'],
  ['zero-width space', 'a\u200Bb'],
  ['ansi', '\u001B[31mred\u001B[39m'],
  ['ansi hyperlink', '\u001B]8;;https://example.com\u0007link\u001B]8;;\u0007'],
  ['control', 'a\tb\u0007'],
  ['ambiguous', '±§'],
  ['halfwidth kana', 'ｱｲｳ'],
];
for (const [label, s] of samples) console.log(label.padEnd(20), stringWidth(s));

console.log('ambiguousIsNarrow:false', stringWidth('±§', { ambiguousIsNarrow: false }));
console.log('countAnsiEscapeCodes', stringWidth('\u001B[31mred\u001B[39m', { countAnsiEscapeCodes: true }));
