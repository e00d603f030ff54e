// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: resize needs w, h, l, s or p.
// expect: missing_parameter
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,m_fixed"); }
