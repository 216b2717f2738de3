# Makes the packable copy of one sample exhibit or quiz pack (the top-level
# CMakeLists.txt runs it before packing): STAGE becomes an exact copy of SOURCE,
# except that each picture kept as a drawing, NAME.svg, is rendered by
# rsvg-convert (librsvg2-bin) to NAME.png at the size written in the SVG, and
# the .svg itself is left out (the kiosk shows PNG and JPEG only).
#
#   cmake -DSOURCE=exhibits/x -DSTAGE=build/sample-folders/x -DRSVG_CONVERT=/usr/bin/rsvg-convert
#         -P cmake/StageSampleFolder.cmake
foreach(variable SOURCE STAGE RSVG_CONVERT)
  if(NOT ${variable})
    message(FATAL_ERROR "StageSampleFolder.cmake: -D${variable}=... is required")
  endif()
endforeach()

file(REMOVE_RECURSE ${STAGE})
file(GLOB_RECURSE files LIST_DIRECTORIES false RELATIVE ${SOURCE} ${SOURCE}/*)
foreach(file ${files})
  get_filename_component(folder ${file} DIRECTORY)
  file(MAKE_DIRECTORY ${STAGE}/${folder})
  if(NOT file MATCHES "\\.svg$")
    # Copied with today's time (file(COPY) would keep the source's), so the
    # build sees the copy as newer than what it was made from.
    file(COPY ${SOURCE}/${file} DESTINATION ${STAGE}/${folder})
    file(TOUCH ${STAGE}/${file})
    continue()
  endif()
  string(REGEX REPLACE "\\.svg$" ".png" picture ${file})
  if(EXISTS ${SOURCE}/${picture})
    message(FATAL_ERROR "${SOURCE}/${file}: ${picture} is also there; keep either the drawing "
                        "(.svg, rendered to .png by the build) or the picture, not both")
  endif()
  execute_process(
    COMMAND ${RSVG_CONVERT} --format=png --output ${STAGE}/${picture} ${SOURCE}/${file}
    RESULT_VARIABLE result ERROR_VARIABLE error)
  if(NOT result EQUAL 0)
    message(FATAL_ERROR "${SOURCE}/${file}: rsvg-convert could not render it: ${error}")
  endif()
endforeach()
