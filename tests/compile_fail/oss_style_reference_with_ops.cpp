// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: a style reference stands alone.
// expect: misplaced_operation
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("style/a/resize,w_1"); }
