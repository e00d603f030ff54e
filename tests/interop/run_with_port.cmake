# SPDX-License-Identifier: MIT
# Runs a program against the loopback server (server.py), whose port is known only once it runs:
#   cmake -DPORT_FILE=<file> -DPROGRAM=<exe> -DARGS=<a;b;@PORT@;...> -DEXPECT=<regex> -P this
# Each @PORT@ in ARGS becomes the port read from PORT_FILE. Passes when the program exits 0 and
# its standard output matches EXPECT.
file(READ "${PORT_FILE}" port)
string(STRIP "${port}" port)
if(NOT port MATCHES "^[0-9]+$")
  message(FATAL_ERROR "no port in ${PORT_FILE}")
endif()
string(REPLACE "@PORT@" "${port}" args "${ARGS}")
execute_process(COMMAND "${PROGRAM}" ${args}
  RESULT_VARIABLE rc OUTPUT_VARIABLE out ERROR_VARIABLE err TIMEOUT 60)
message("${out}${err}")
if(NOT rc EQUAL 0)
  message(FATAL_ERROR "${PROGRAM} exited with ${rc}")
endif()
if(NOT out MATCHES "${EXPECT}")
  message(FATAL_ERROR "output does not match: ${EXPECT}")
endif()
