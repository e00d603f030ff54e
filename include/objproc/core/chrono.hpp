// SPDX-License-Identifier: MIT
// objproc/core/chrono.hpp - the part of std::chrono objproc uses, as cheaply as it can be had.
//
// objproc needs durations, time_point_cast / floor, system_clock, steady_clock and the C++20
// aliases sys_seconds and days. In libstdc++ 12, <chrono> also pulls in <sstream> (for the
// calendar and time-zone parts), which makes it the heaviest header objproc includes; all the
// names above live in its internal <bits/chrono.h> (the header <thread> itself uses). That
// header is used only for the libstdc++ release it was checked against; every other library
// and release gets <chrono>. Code that wants the rest of <chrono> includes it itself.
#ifndef OBJPROC_CORE_CHRONO_HPP
#define OBJPROC_CORE_CHRONO_HPP

#include <cstddef>  // defines _GLIBCXX_RELEASE when the library is libstdc++

#if defined(_GLIBCXX_RELEASE) && _GLIBCXX_RELEASE == 12 && __has_include(<bits/chrono.h>)
#  include <bits/chrono.h>
#else
#  include <chrono>
#endif

#endif  // OBJPROC_CORE_CHRONO_HPP
