# Strict warnings and Qt hygiene defines for every target of ours.
function(tp_strict target)
    target_compile_options(${target} PRIVATE -Wall -Wextra -pedantic)
    target_compile_definitions(${target} PRIVATE
        QT_NO_CAST_FROM_ASCII QT_NO_CAST_TO_ASCII QT_NO_FOREACH
        QT_DISABLE_DEPRECATED_BEFORE=0x060400)
endfunction()

# tp_add_test(NAME tst_x SOURCES tst_x.cpp LIBS tp_store [LABELS store])
# One executable per unit; linked against the libraries, never recompiling their sources.
function(tp_add_test)
    cmake_parse_arguments(T "" "NAME" "SOURCES;LIBS;LABELS" ${ARGN})
    add_executable(${T_NAME} ${T_SOURCES})
    tp_strict(${T_NAME})
    target_link_libraries(${T_NAME} PRIVATE Qt6::Test ${T_LIBS})
    add_test(NAME ${T_NAME} COMMAND ${T_NAME})
    set_tests_properties(${T_NAME} PROPERTIES
        ENVIRONMENT "QT_QPA_PLATFORM=offscreen;TRACKPLAN_SOURCE_DIR=${PROJECT_SOURCE_DIR};TRACKPLAN_BINARY_DIR=${PROJECT_BINARY_DIR}"
        TIMEOUT 600)
    if(T_LABELS)
        set_tests_properties(${T_NAME} PROPERTIES LABELS "${T_LABELS}")
    endif()
endfunction()
