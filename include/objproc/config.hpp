// SPDX-License-Identifier: MIT
// objproc/config.hpp - feature detection and the user's overrides.
//
// Every macro follows one shape: if the user defined it, use that; otherwise detect.
//   OBJPROC_CONFIG_FILE      a header included first (engines keep their settings there)
//   OBJPROC_USE_EXCEPTIONS   0/1; detected from the compiler flags
//   OBJPROC_ABORT(msg)       what result<T>::value() does on an error without exceptions
#ifndef OBJPROC_CONFIG_HPP
#define OBJPROC_CONFIG_HPP

#ifdef OBJPROC_CONFIG_FILE
#  include OBJPROC_CONFIG_FILE
#endif

#include "objproc/version.hpp"

#ifndef OBJPROC_USE_EXCEPTIONS
#  if defined(__cpp_exceptions) || defined(__EXCEPTIONS) || defined(_CPPUNWIND)
#    define OBJPROC_USE_EXCEPTIONS 1
#  else
#    define OBJPROC_USE_EXCEPTIONS 0
#  endif
#endif

#if __cplusplus < 202002L && !(defined(_MSVC_LANG) && _MSVC_LANG >= 202002L)
#  error "objproc requires C++20"
#endif

#endif  // OBJPROC_CONFIG_HPP
