// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: saveas needs o_.
// expect: missing_parameter
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_1|sys/saveas,b_YnVja2V0"); }
