// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: '+' is standard base64.
// expect: invalid_base64_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/watermark,text_SGV+bG8"); }
