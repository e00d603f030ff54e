// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: pre must follow concat.
// expect: misplaced_operation
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("video/pre,o_YS5tcDQ"); }
