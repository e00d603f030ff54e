// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: no such service.
// expect: unknown_service
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("picture/resize,w_100"); }
