// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: style-spec §10: r_5000.
// expect: value_out_of_range
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/circle,r_5000"); }
