// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: image/flip documents only 0 (issue 12).
// expect: invalid_enum_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/flip,1"); }
