// node:constants — Node's deprecated flat object of the OS and file-system constants
// (os.constants.dlopen/errno/priority/signals and fs.constants; crypto's come with node:crypto).
// Old packages (graceful-fs among them) still read it.
import os from "os";
import { constants as fsConstants } from "fs";

const constants = Object.freeze(
  Object.assign(
    {},
    os.constants.dlopen,
    os.constants.errno,
    os.constants.priority,
    os.constants.signals,
    fsConstants,
  ),
);

export default constants;
