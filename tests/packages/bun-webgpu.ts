// bun-webgpu: Dawn through bun:ffi. Installs the WebGPU globals, requests an adapter and a
// device, and sets up and submits a compute pass that doubles an array, then maps the result
// back. Without a GPU, Dawn offers its null backend, which validates every call but executes
// nothing: the script prints what is deterministic there (adapter, limits, validation errors,
// map states, byte counts), not the numbers a real GPU would compute.
import { setupGlobals } from "bun-webgpu";

await setupGlobals();
console.log("navigator.gpu:", typeof navigator.gpu);
console.log("GPUBufferUsage.STORAGE:", GPUBufferUsage.STORAGE, "GPUMapMode.READ:", GPUMapMode.READ);
console.log("GPUShaderStage.COMPUTE:", GPUShaderStage.COMPUTE);
console.log("preferred canvas format:", navigator.gpu.getPreferredCanvasFormat());

async function run(): Promise<void> {
  const adapter = await navigator.gpu.requestAdapter({ powerPreference: "low-power" });
  if (!adapter) {
    console.log("no adapter");
    return;
  }
  console.log("adapter:", adapter.info.device, "fallback:", adapter.info.isFallbackAdapter);
  console.log("adapter has shader-f16:", adapter.features.has("shader-f16"));
  console.log("adapter maxComputeWorkgroupSizeX:", adapter.limits.maxComputeWorkgroupSizeX);

  const device = await adapter.requestDevice({ label: "compute device" });
  console.log("device:", device.label, "maxStorageBufferBindingSize:", device.limits.maxStorageBufferBindingSize);
  const lost = device.lost.then((info) => console.log("device lost:", info.reason));

  const input = new Float32Array([1, 2, 3, 4, 5, 6, 7, 8]);
  const storage = device.createBuffer({
    label: "data",
    size: input.byteLength,
    usage: GPUBufferUsage.STORAGE | GPUBufferUsage.COPY_SRC | GPUBufferUsage.COPY_DST,
  });
  device.queue.writeBuffer(storage, 0, input);
  const readback = device.createBuffer({
    label: "readback",
    size: input.byteLength,
    usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.COPY_DST,
  });
  console.log("buffers:", storage.size, storage.usage, readback.size, readback.usage, readback.mapState);

  device.pushErrorScope("validation");
  device.createShaderModule({ code: "fn main() { let x: f32 = true; }" });
  const shaderError = await device.popErrorScope();
  console.log("shader error:", shaderError?.constructor.name, shaderError?.message.split("\n")[0]);

  try {
    device.createBuffer({ size: 16, usage: GPUBufferUsage.MAP_READ | GPUBufferUsage.STORAGE });
    console.log("MAP_READ | STORAGE accepted");
  } catch (error) {
    console.log("MAP_READ | STORAGE rejected:", (error as Error).message);
  }
  device.pushErrorScope("validation");
  const badEncoder = device.createCommandEncoder();
  badEncoder.copyBufferToBuffer(storage, 0, readback, 16, input.byteLength);
  badEncoder.finish();
  const invalid = await device.popErrorScope();
  console.log("validation error:", invalid?.constructor.name, invalid?.message.split("\n")[0]);

  const module = device.createShaderModule({
    label: "double",
    code: `
      @group(0) @binding(0) var<storage, read_write> data: array<f32>;
      @compute @workgroup_size(8)
      fn main(@builtin(global_invocation_id) id: vec3<u32>) {
        data[id.x] = data[id.x] * 2.0;
      }`,
  });
  device.pushErrorScope("validation");
  const pipeline = device.createComputePipeline({ layout: "auto", compute: { module, entryPoint: "main" } });
  const bindGroup = device.createBindGroup({
    layout: pipeline.getBindGroupLayout(0),
    entries: [{ binding: 0, resource: { buffer: storage } }],
  });
  const encoder = device.createCommandEncoder({ label: "doubling" });
  const pass = encoder.beginComputePass();
  pass.setPipeline(pipeline);
  pass.setBindGroup(0, bindGroup);
  pass.dispatchWorkgroups(1);
  pass.end();
  encoder.copyBufferToBuffer(storage, 0, readback, 0, input.byteLength);
  device.queue.submit([encoder.finish()]);
  await device.queue.onSubmittedWorkDone();
  console.log("submit errors:", (await device.popErrorScope())?.message ?? "none");

  const mapping = readback.mapAsync(GPUMapMode.READ);
  console.log("mapState while mapping:", readback.mapState);
  await mapping;
  console.log("mapState:", readback.mapState, "mapped bytes:", readback.getMappedRange().byteLength);
  readback.unmap();
  console.log("mapState after unmap:", readback.mapState);

  device.destroy();
  await lost;
}

try {
  await run();
} catch (error) {
  console.log("stopped:", (error as Error).name, (error as Error).message);
}
