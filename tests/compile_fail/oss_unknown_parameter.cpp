// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: no such key.
// expect: unknown_parameter
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_100,z_3"); }
