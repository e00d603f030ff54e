// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: only one '|'.
// expect: invalid_system_part
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_1|sys/saveas,o_YQ|sys/notify,topic_dA"); }
