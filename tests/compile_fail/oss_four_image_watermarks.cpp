// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: at most 3 image watermarks (issue 12).
// expect: too_many_rules
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/watermark,image_YQ/watermark,image_Yg/watermark,image_Yw/watermark,image_ZA"); }
