// @opentui/core: a small form laid out with flexbox in its headless test renderer (the native
// Zig core through bun:ffi), driven with mock key presses; prints the captured frames.
import {
  ASCIIFontRenderable,
  BoxRenderable,
  InputRenderable,
  InputRenderableEvents,
  SelectRenderable,
  SelectRenderableEvents,
  TextRenderable,
  t,
  bold,
  fg,
} from "@opentui/core";
import { createTestRenderer } from "@opentui/core/testing";

const { renderer, mockInput, renderOnce, captureCharFrame, captureSpans } = await createTestRenderer({
  width: 44,
  height: 18,
});

const panel = new BoxRenderable(renderer, {
  id: "panel",
  border: true,
  borderStyle: "rounded",
  title: " Settings ",
  titleAlignment: "center",
  padding: 1,
  flexDirection: "column",
  gap: 1,
  width: "100%",
  height: "100%",
});
renderer.root.add(panel);

panel.add(new ASCIIFontRenderable(renderer, { id: "logo", text: "TUI", font: "tiny" }));
panel.add(new TextRenderable(renderer, { id: "hint", content: t`${bold("Name")}: type it, then ${fg("#00ff00")("Enter")}` }));

const name = new InputRenderable(renderer, { id: "name", width: 30, placeholder: "your name" });
panel.add(name);

const theme = new SelectRenderable(renderer, {
  id: "theme",
  height: 4,
  showDescription: false,
  options: [
    { name: "Light", description: "bright", value: "light" },
    { name: "Dark", description: "dim", value: "dark" },
    { name: "Solarized", description: "warm", value: "solarized" },
  ],
});
panel.add(theme);

const events: string[] = [];
name.on(InputRenderableEvents.ENTER, (value: string) => events.push(`enter ${JSON.stringify(value)}`));
theme.on(SelectRenderableEvents.SELECTION_CHANGED, (index: number, option: { value: string }) =>
  events.push(`selection ${index} ${option.value}`),
);

await renderOnce();
console.log("--- initial");
console.log(captureCharFrame());

name.focus();
await mockInput.typeText("Ada Lovelace");
mockInput.pressBackspace();
mockInput.pressEnter();
theme.focus();
mockInput.pressArrow("down");
mockInput.pressArrow("down");
await renderOnce();
console.log("--- after input");
console.log(captureCharFrame());

console.log("value:", JSON.stringify(name.value));
console.log("selected:", theme.getSelectedOption()?.value, theme.getSelectedIndex());
console.log("events:", events.join("; "));

const spans = captureSpans();
const title = spans.lines[0].spans.find((s: { text: string }) => s.text.includes("Settings"));
console.log("title span:", JSON.stringify(title?.text), "fg", title?.fg.toInts().join(","));
console.log("cursor:", JSON.stringify(spans.cursor));

renderer.destroy();
console.log("destroyed:", renderer.isDestroyed);
