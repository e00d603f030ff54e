// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: style-spec §10.
// expect: invalid_enum_value
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_100/auto-orient,10"); }
