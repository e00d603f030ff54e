# SPDX-License-Identifier: MIT
# Compiles SOURCE with COMPILER (-fsyntax-only). With EXPECT_FAILURE=ON the compile must fail
# and its diagnostics must match the regex on the source's "// expect: <regex>" line; with
# EXPECT_FAILURE=OFF it must succeed (the control that keeps the harness honest).
set(include_flags "")
foreach(dir IN LISTS INCLUDES)
  list(APPEND include_flags "-I${dir}")
endforeach()
execute_process(
  COMMAND ${COMPILER} -std=c++20 -fsyntax-only -Wall -Wextra -Wpedantic -Werror
          ${include_flags} ${SOURCE}
  RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)

if(NOT EXPECT_FAILURE)
  if(NOT status EQUAL 0)
    message(FATAL_ERROR "control snippet failed to compile:\n${err}")
  endif()
  return()
endif()

file(STRINGS ${SOURCE} expect_lines REGEX "^// expect: ")
if(NOT expect_lines)
  message(FATAL_ERROR "${SOURCE}: no '// expect: <regex>' line")
endif()
list(GET expect_lines 0 expect)
string(REGEX REPLACE "^// expect: " "" expect "${expect}")
if(status EQUAL 0)
  message(FATAL_ERROR "${SOURCE} compiled, but it must be rejected")
endif()
if(NOT "${out}${err}" MATCHES "${expect}")
  message(FATAL_ERROR "${SOURCE} was rejected, but not with /${expect}/:\n${err}")
endif()
message(STATUS "rejected as expected: /${expect}/")
