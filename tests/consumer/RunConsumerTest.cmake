# ctest driver: install the built EasyNet into a fresh prefix, build the consumer
# project against that prefix only, and run it. Run with cmake -P and:
#   EASYNET_BINARY_DIR  the EasyNet build tree to install
#   CONSUMER_SOURCE_DIR this directory
#   WORK_DIR            scratch directory (emptied first)
#   GENERATOR, CXX_COMPILER, BUILD_TYPE, CXX_FLAGS, EXE_LINKER_FLAGS
#                       the main build's settings, so that sanitizer builds match
#   EXPECT_QML          ON when the build has the QML module EasyNet: the
#                       consumer's QML half imports it from the install, and the
#                       console's code must not come with it
#   EXPECT_QML_CONSOLE  ON when the build has EasyNet.Console too: a second run
#                       imports it from the install
cmake_minimum_required(VERSION 3.25)

foreach(var EASYNET_BINARY_DIR CONSUMER_SOURCE_DIR WORK_DIR GENERATOR CXX_COMPILER)
    if(NOT DEFINED ${var} OR "${${var}}" STREQUAL "")
        message(FATAL_ERROR "RunConsumerTest.cmake: ${var} is not set")
    endif()
endforeach()

function(run_step name)
    execute_process(COMMAND ${ARGN} RESULT_VARIABLE result
        OUTPUT_VARIABLE output ERROR_VARIABLE output)
    if(NOT result EQUAL 0)
        message(FATAL_ERROR "${name} failed (${result}):\n${output}")
    endif()
    message(STATUS "${name}: ok")
    set(step_output "${output}" PARENT_SCOPE)
endfunction()

set(prefix ${WORK_DIR}/prefix)
set(build ${WORK_DIR}/build)
file(REMOVE_RECURSE ${WORK_DIR})
file(MAKE_DIRECTORY ${WORK_DIR})

run_step("install" ${CMAKE_COMMAND} --install ${EASYNET_BINARY_DIR} --prefix ${prefix})
foreach(file include/EasyNet/streamprotocol.h)
    if(NOT EXISTS ${prefix}/${file})
        message(FATAL_ERROR "the install has no ${file}")
    endif()
endforeach()

set(configure_args -S ${CONSUMER_SOURCE_DIR} -B ${build} -G ${GENERATOR}
    -DCMAKE_PREFIX_PATH=${prefix}
    -DCMAKE_CXX_COMPILER=${CXX_COMPILER}
    -DCMAKE_BUILD_TYPE=${BUILD_TYPE}
    "-DCMAKE_CXX_FLAGS=${CXX_FLAGS}"
    "-DCMAKE_EXE_LINKER_FLAGS=${EXE_LINKER_FLAGS}"
    -DEXPECT_QML=${EXPECT_QML}
    # Only the prefix may provide EasyNet: not the user package registry.
    -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF)
run_step("configure consumer" ${CMAKE_COMMAND} ${configure_args})

# The package must be the installed one, not the build tree.
file(STRINGS ${build}/CMakeCache.txt found_dir REGEX "^EASYNET_FOUND_DIR:")
string(REGEX REPLACE "^[^=]*=" "" found_dir "${found_dir}")
file(REAL_PATH "${found_dir}" found_dir)
file(REAL_PATH "${prefix}" real_prefix)
string(FIND "${found_dir}" "${real_prefix}/" at)
if(NOT at EQUAL 0)
    message(FATAL_ERROR "EasyNet was found in ${found_dir}, not in ${real_prefix}")
endif()

run_step("build consumer" ${CMAKE_COMMAND} --build ${build})
run_step("run consumer" ${build}/easynet_consumer)
message(STATUS "consumer says: ${step_output}")

if(EXPECT_QML)
    # The QML module too must be the installed one.
    file(STRINGS ${build}/CMakeCache.txt qml_dir REGEX "^EASYNET_FOUND_QML_DIR:")
    string(REGEX REPLACE "^[^=]*=" "" qml_dir "${qml_dir}")
    file(REAL_PATH "${qml_dir}" qml_dir)
    string(FIND "${qml_dir}" "${real_prefix}/" at)
    if(NOT at EQUAL 0 OR NOT EXISTS ${qml_dir}/EasyNet/qmldir)
        message(FATAL_ERROR "EasyNet_QML_IMPORT_DIR is ${qml_dir}, no QML module of ${real_prefix}")
    endif()
    # Unset: only the install may provide "import EasyNet".
    set(ENV{QML_IMPORT_PATH} "")
    set(ENV{QML2_IMPORT_PATH} "")
    run_step("run QML consumer" ${build}/easynet_qmlconsumer library)
    message(STATUS "QML consumer says: ${step_output}")

    if(EXPECT_QML_CONSOLE)
        if(NOT EXISTS ${qml_dir}/EasyNet/Console/qmldir)
            message(FATAL_ERROR "the install has no EasyNet.Console in ${qml_dir}")
        endif()
        run_step("run QML consumer of EasyNet.Console" ${build}/easynet_qmlconsumer console)
        message(STATUS "QML consumer says: ${step_output}")
    endif()
endif()
