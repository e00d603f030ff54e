// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: a side above 10000 px would be clamped by the service.
// expect: value_out_of_range
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/thumbnail/10001x"); }
