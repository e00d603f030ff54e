# SPDX-License-Identifier: MIT
# Runs PROGRAM; it must end abnormally (abort) and print EXPECT_STDERR (a regex) on stderr.
execute_process(COMMAND ${PROGRAM} RESULT_VARIABLE status OUTPUT_VARIABLE out ERROR_VARIABLE err)
if(status EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited normally; it must abort")
endif()
if(NOT err MATCHES "${EXPECT_STDERR}")
  message(FATAL_ERROR "${PROGRAM} stderr does not match /${EXPECT_STDERR}/:\n${err}")
endif()
message(STATUS "aborted as expected (${status})")
