// SPDX-License-Identifier: MIT
// A bad CI rule literal passed as cos::rule_string does not compile: an https URL.
// expect: invalid_base64_value
#include "objproc/cos/rule.hpp"

void use(objproc::cos::rule_string rule);

int main() { use("watermark/1/image/aHR0cHM6Ly9hLmNvbS94LmpwZw"); }
