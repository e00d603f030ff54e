// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: resize width above 16384.
// expect: value_out_of_range
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,m_fixed,w_20000,h_100"); }
