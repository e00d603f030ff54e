// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: watermark types are 1-4.
// expect: invalid_enum_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/5/type/1"); }
