# `make install` (cmake --install): the commands, the CGI, the data the
# commands read at run time (base/nx_data.h), man pages, bash completion,
# and the systemd units, crontab and /etc/default example with the paths
# of this install.  PREFIX is CMAKE_INSTALL_PREFIX (default /usr/local);
# DESTDIR is honoured.  `make uninstall` removes what install_manifest.txt
# lists.
include(GNUInstallDirs)
set(NX_DATADIR ${CMAKE_INSTALL_DATADIR}/newsdex)
set(NX_DOCDIR ${CMAKE_INSTALL_DATADIR}/doc/newsdex)

install(TARGETS newsdex RUNTIME DESTINATION ${CMAKE_INSTALL_BINDIR})
install(PROGRAMS scripts/newsdex-reindex scripts/newsdex-shards
                 scripts/newsdex-replica
        DESTINATION ${CMAKE_INSTALL_BINDIR})
# newsdex-rebuild and newsdex-rollback are newsdex-reindex under other
# names (it looks at $0), as in scripts/.
foreach(alias newsdex-rebuild newsdex-rollback)
  install(CODE "file(CREATE_LINK newsdex-reindex
    \"\$ENV{DESTDIR}${CMAKE_INSTALL_FULL_BINDIR}/${alias}\" SYMBOLIC)
    list(APPEND CMAKE_INSTALL_MANIFEST_FILES
         \"${CMAKE_INSTALL_FULL_BINDIR}/${alias}\")")
endforeach()
# The CGI where Debian's web servers look for CGI programs.
install(TARGETS newsdex_cgi RUNTIME DESTINATION lib/cgi-bin)

file(GLOB NX_GAZETTEERS ${CMAKE_SOURCE_DIR}/extract/data/*.tsv
                        ${CMAKE_SOURCE_DIR}/extract/data/*.txt)
file(GLOB NX_ALIAS_TABLES ${CMAKE_SOURCE_DIR}/facets/data/*.tsv)
install(FILES ${NX_GAZETTEERS} ${NX_ALIAS_TABLES}
              ${CMAKE_SOURCE_DIR}/extract/ner/model/ner.model
        DESTINATION ${NX_DATADIR})
install(FILES ${CMAKE_SOURCE_DIR}/extract/data/LICENSES.md
        DESTINATION ${NX_DOCDIR} RENAME LICENSES-gazetteers.md)

install(FILES scripts/newsdex.bash-completion
        DESTINATION ${CMAKE_INSTALL_DATADIR}/bash-completion/completions
        RENAME newsdex)

# Examples: /usr/local/bin in the sources becomes this install's bindir.
set(NX_EXAMPLES ${CMAKE_BINARY_DIR}/examples)
file(GLOB NX_UNITS ${CMAKE_SOURCE_DIR}/scripts/systemd/*.service
                   ${CMAKE_SOURCE_DIR}/scripts/systemd/*.timer)
foreach(src ${NX_UNITS} ${CMAKE_SOURCE_DIR}/scripts/newsdex.crontab
        ${CMAKE_SOURCE_DIR}/scripts/newsdex.default)
  get_filename_component(name ${src} NAME)
  file(READ ${src} text)
  string(REPLACE "/usr/local/bin" "${CMAKE_INSTALL_FULL_BINDIR}" text "${text}")
  file(WRITE ${NX_EXAMPLES}/${name} "${text}")
  set_property(DIRECTORY APPEND PROPERTY CMAKE_CONFIGURE_DEPENDS ${src})
  install(FILES ${NX_EXAMPLES}/${name} DESTINATION ${NX_DOCDIR}/examples)
endforeach()

add_custom_target(uninstall
  COMMAND ${CMAKE_COMMAND} -DMANIFEST=${CMAKE_BINARY_DIR}/install_manifest.txt
          -P ${CMAKE_SOURCE_DIR}/cmake/uninstall.cmake
  COMMENT "Removing the files install_manifest.txt lists")
