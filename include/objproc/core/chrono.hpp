// SPDX-License-Identifier: MIT
// objproc/core/chrono.hpp - the part of std::chrono objproc uses: durations, time_point_cast /
// floor, system_clock, steady_clock and the C++20 aliases sys_seconds and days.
//
// One place for the include, so that a cheaper standard way to get these names (a future
// <chrono> split, modules) changes one line. Only public standard headers: an earlier version
// reached for libstdc++'s internal <bits/chrono.h> to skip <chrono>'s <sstream>; users' builds
// must not depend on a library's private layout, so the include cost is paid here instead.
#ifndef OBJPROC_CORE_CHRONO_HPP
#define OBJPROC_CORE_CHRONO_HPP

#include <chrono>

#endif  // OBJPROC_CORE_CHRONO_HPP
