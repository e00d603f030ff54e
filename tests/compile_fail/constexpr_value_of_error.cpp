// SPDX-License-Identifier: MIT
// value() of an error in a constant expression is a compile error that names the failure.
// expect: bad_result_access_failure
#include "objproc/core/result.hpp"

constexpr int broken = objproc::result<int>(objproc::error{objproc::errc::invalid_padding}).value();

int main() { return broken; }
