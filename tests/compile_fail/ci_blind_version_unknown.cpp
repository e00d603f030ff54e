// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: blind-watermark versions are 1.0, 2.0 and 3.0.
// expect: invalid_enum_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/3/type/3/text/dA/version/4.0"); }
