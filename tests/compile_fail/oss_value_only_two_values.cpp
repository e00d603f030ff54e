// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: rotate takes one value.
// expect: unexpected_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/rotate,90,1"); }
