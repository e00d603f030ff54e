// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: '+' is standard base64.
// expect: invalid_base64_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/2/text/5pWw+5o2u"); }
