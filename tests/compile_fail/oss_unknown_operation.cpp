// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: no such operation.
// expect: unknown_operation
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/enlarge,w_100"); }
