// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: blur needs r and s.
// expect: missing_parameter
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/blur,r_3"); }
