// @opentui/core: a TypeScript snippet in a CodeRenderable, highlighted by tree-sitter (its
// parser worker loading the grammar .wasm found through a `with { type: "file" }` import);
// prints the frame and which colour each token got.
import { BoxRenderable, CodeRenderable, RGBA, SyntaxStyle, destroyTreeSitterClient } from "@opentui/core";
import { createTestRenderer } from "@opentui/core/testing";

const { renderer, renderOnce, captureCharFrame, captureSpans } = await createTestRenderer({ width: 40, height: 8 });

const style = SyntaxStyle.fromStyles({
  keyword: { fg: RGBA.fromHex("#ff7b72"), bold: true },
  string: { fg: RGBA.fromHex("#a5d6ff") },
  number: { fg: RGBA.fromHex("#79c0ff") },
  comment: { fg: RGBA.fromHex("#8b949e"), italic: true },
  default: { fg: RGBA.fromHex("#e6edf3") },
});

const frame = new BoxRenderable(renderer, { border: true, title: " greet.ts ", width: "100%", height: "100%" });
renderer.root.add(frame);
const code = new CodeRenderable(renderer, {
  id: "code",
  filetype: "typescript",
  syntaxStyle: style,
  content: [
    "// says hello",
    "const greeting = \"hello\";",
    "export function greet(times: number) {",
    "  return greeting.repeat(times + 1);",
    "}",
  ].join("\n"),
});
frame.add(code);

await renderOnce();
await code.highlightingDone;
await renderOnce();
console.log(captureCharFrame());

const toHex = (c: RGBA) => "#" + c.toInts().slice(0, 3).map((v) => v.toString(16).padStart(2, "0")).join("");
for (const line of captureSpans().lines.slice(1, 6)) {
  const tokens = line.spans
    .filter((s: { text: string }) => s.text.trim() !== "" && !/^[│ ]+$/.test(s.text))
    .map((s: { text: string; fg: RGBA }) => `${JSON.stringify(s.text.replace(/^│/, "").trim())}=${toHex(s.fg)}`);
  console.log(tokens.join(" "));
}

renderer.destroy();
await destroyTreeSitterClient();
console.log("done");
