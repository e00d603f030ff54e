// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: sides must be even.
// expect: invalid_dimensions
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("video/convert,f_mp4,s_1279x720"); }
