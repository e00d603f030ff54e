// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: style-spec §10: y_abc.
// expect: invalid_number
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/indexcrop,y_abc,i_0"); }
