// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: not hex.
// expect: invalid_color
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,m_pad,w_10,color_GG0000"); }
