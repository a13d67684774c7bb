// chalk: explicit color levels so output is independent of the terminal; escapes shown via JSON.
import chalk, { Chalk, supportsColor, modifiers, foregroundColors, backgroundColors } from 'chalk';

const show = (label, s) => console.log(label.padEnd(14), JSON.stringify(s));

const basic = new Chalk({ level: 1 });
show('red', basic.red('error'));
show('bold.green', basic.bold.green('ok'));
show('bgBlue.white', basic.bgBlue.white(' tag '));
show('nested', basic.red(`a ${basic.underline('b')} c`));
show('multiline', basic.yellow('line1\nline2'));
show('template-ish', basic.dim('x', 1, true));
show('hex->ansi16', basic.hex('#ff8800')('orange'));
show('rgb->ansi16', basic.rgb(10, 200, 30)('green-ish'));

const ansi256 = new Chalk({ level: 2 });
show('256 hex', ansi256.hex('#ff8800')('orange'));
show('256 bgAnsi256', ansi256.bgAnsi256(201)('pink'));

const truecolor = new Chalk({ level: 3 });
show('16m rgb', truecolor.rgb(10, 200, 30)('g'));
show('16m bgHex', truecolor.bgHex('#123456')('bg'));

const none = new Chalk({ level: 0 });
show('level0', none.red.bold('plain'));
show('empty', basic.red(''));

console.log('level option kept:', basic.level, ansi256.level, truecolor.level);
console.log('modifiers:', modifiers.join(','));
console.log('foreground count:', foregroundColors.length, 'background count:', backgroundColors.length);
// FORCE_COLOR=0 is passed by the harness, so the default instance has no colors.
console.log('default level:', chalk.level, 'supportsColor:', supportsColor);
show('default red', chalk.red('no color'));
