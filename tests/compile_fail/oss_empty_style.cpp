// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: nothing at all.
// expect: empty_style
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use(""); }
