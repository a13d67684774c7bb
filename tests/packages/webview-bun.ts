// webview-bun: a window with a bound function, as in its README. It dlopens
// build/libwebview-<arch>.so (found through an import of the .so file) when the module loads;
// on a machine without WebKitGTK/GTK 4 that dlopen fails, which is where Bun stops too: the
// script prints that error, whose message names the library (package directory shortened).
const packageDir = new URL("./node_modules/webview-bun/", import.meta.url).pathname;
const shorten = (text: string) => text.replaceAll(packageDir, "<webview-bun>/");

try {
  const { Webview, SizeHint, WEBVIEW_VERSION } = await import("webview-bun");
  console.log("webview", WEBVIEW_VERSION);
  const webview = new Webview(false, { width: 320, height: 200, hint: SizeHint.FIXED });
  webview.title = "rusk";
  webview.bind("add", (a: number, b: number) => a + b);
  webview.setHTML(`<script>add(2, 3).then((sum) => document.title = String(sum))</script>`);
  webview.run();
  console.log("window closed");
} catch (error) {
  const e = error as Error & { code?: string };
  console.log("stopped:", e.name, e.code ?? "", JSON.stringify(shorten(e.message)));
}
