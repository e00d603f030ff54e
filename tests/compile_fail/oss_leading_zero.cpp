// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: no leading zeros.
// expect: invalid_number
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_0100"); }
