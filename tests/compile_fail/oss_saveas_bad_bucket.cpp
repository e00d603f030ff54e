// SPDX-License-Identifier: MIT
// A bad OSS style literal passed as oss::style_string does not compile: bucket 'BAD'.
// expect: invalid_bucket_name
#include "objproc/oss/style.hpp"

void use(objproc::oss::style_string style);

int main() { use("image/resize,w_1|sys/saveas,o_YQ,b_QkFE"); }
