// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: not a CI format (svgc is).
// expect: invalid_enum_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("imageMogr2/format/svgx"); }
