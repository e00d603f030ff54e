// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: 11 rules in a pipeline.
// expect: too_many_rules
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90|imageMogr2/rotate/90"); }
