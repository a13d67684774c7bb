mod counter;

use rquickjs::{Context, Runtime};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let rt = Runtime::new()?;
    let ctx = Context::full(&rt)?;
    ctx.with(|cx| -> rquickjs::Result<()> {
        counter::counter_class::install(&cx, &cx.globals())?;
        // An instance created from Rust, with a listener stored in its traced `onChange` slot.
        let c = counter::counter_class::to_js(&cx, counter::Counter::new(10.0))?;
        let listener: rquickjs::Value = cx.eval("(v) => globalThis.lastChange = v")?;
        counter::counter_class::on_change_set_cached(&c, listener);
        cx.globals().set("fromRust", c)?;
        Ok(())
    })?;
    let out: String = ctx.with(|cx| {
        cx.eval(
            r#"
            const c = new Counter(1);
            c.inc(); c.inc(5);
            c.history.push(c.value);
            const log = [];
            log.push(`value=${c.value} history=${c.history} same=${c.history === c.history}`);
            log.push(`spread=${[...new Counter(3)]}`);
            log.push(`zero=${Counter.zero().value} instanceof=${Counter.zero() instanceof Counter}`);
            try { Counter.prototype.inc.call({}) } catch (e) { log.push(e.message) }
            try { Counter(1) } catch (e) { log.push(e.message) }
            try { c.inc(Infinity) } catch (e) { log.push(e.message) }
            log.push(`fromRust=${fromRust.inc(2)} lastChange=${globalThis.lastChange}`);
            log.join("\n")
            "#,
        )
    })?;
    println!("{out}");
    println!(
        "--- TypeScript declarations ---\n{}",
        counter::COUNTER_CLASSES_DTS
    );
    ctx.with(|cx| rusk_bindgen::rt::sweep_pending(&cx));
    rt.run_gc();
    Ok(())
}
