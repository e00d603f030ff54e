// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: image/score takes no parameters (issue 12).
// expect: unexpected_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/score,x_1"); }
