# seL4's build options under seL4's names (interface/config.txt), chosen at configure time:
# cmake --preset default -DKernelRootCNodeSizeBits=17. tools/gen/gen.py checks each value against
# seL4's range and writes the configuration's headers; a bad value stops the configuration.

set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/interface/config.txt
    ${CMAKE_SOURCE_DIR}/interface/arch/${KEEL_ARCH}/config.txt
    ${CMAKE_SOURCE_DIR}/tools/gen/gen.py ${CMAKE_SOURCE_DIR}/tools/gen/config.py
    ${CMAKE_SOURCE_DIR}/tools/gen/kernel_out.py ${CMAKE_SOURCE_DIR}/tools/gen/libsel4_out.py)

# keel_given_options(OUT): the options given on the cmake command line or by the preset (every
# cache variable named Kernel... or Keel...), as a list of KernelOption=VALUE.
function(keel_given_options out)
    get_cmake_property(cached CACHE_VARIABLES)
    list(FILTER cached INCLUDE REGEX "^(Kernel|Keel)[A-Z]")
    set(given "")
    foreach(name ${cached})
        list(APPEND given "${name}=$CACHE{${name}}")
    endforeach()
    set(${out} ${given} PARENT_SCOPE)
endfunction()

# keel_configuration(DIR [KernelOption=VALUE ...]): the options given for KEEL_ARCH, overridden by
# the arguments, resolved into DIR/kernel/generated/config.h (the kernel's config::), DIR/libsel4/sel4/config.h
# (CONFIG_*) and DIR/config.cmake.
function(keel_configuration dir)
    keel_given_options(given)
    # A configuration the arguments make MCS (the MCS host core in a classic build) leaves out the
    # given options only classic has.
    if("KernelIsMCS=ON" IN_LIST ARGN)
        list(FILTER given EXCLUDE REGEX "^Kernel(TimerTickMS|TimeSlice)=")
    endif()
    execute_process(
        COMMAND ${Python3_EXECUTABLE} ${CMAKE_SOURCE_DIR}/tools/gen/gen.py config --out ${dir} --arch ${KEEL_ARCH}
                ${given} ${ARGN}
        RESULT_VARIABLE status ERROR_VARIABLE why)
    if(status)
        message(FATAL_ERROR "${why}")
    endif()
    include(${dir}/config.cmake)
    set(KernelIsMCS ${KernelIsMCS} PARENT_SCOPE)
endfunction()

# keel_configuration_includes(TARGET SCOPE DIR): TARGET compiles against configuration DIR, whose
# MCS option (KernelIsMCS, as keel_configuration left it) also picks the kernel's tables: the MCS
# ones are checked in with the generator's golden outputs (tools/gen/golden/<mcs or
# riscv64-mcs>/kernel/generated), found before core's and the architecture's classic ones.
function(keel_configuration_includes target scope dir)
    if(KernelIsMCS)
        set(mcs_config mcs)
        if(NOT KEEL_ARCH STREQUAL "x86_64")
            set(mcs_config ${KEEL_ARCH}-mcs)
        endif()
        set(tables ${CMAKE_SOURCE_DIR}/tools/gen/golden/${mcs_config}/kernel)
        target_include_directories(${target} BEFORE ${scope} ${tables} ${tables}/generated)
    endif()
    target_include_directories(${target} BEFORE ${scope} ${dir}/kernel ${dir}/libsel4)
endfunction()
