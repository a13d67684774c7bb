// `Sensor.proto.reading`'s getter returns a type that has no JS form.
import { define } from "rusk:bindgen";

export default [
  define({
    name: "Sensor",
    construct: true,
    args: {},
    proto: {
      reading: { getter: "reading" },
    },
  }),
];
