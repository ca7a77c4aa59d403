package pdftext

import "syscall"

const mapNoReserve = syscall.MAP_NORESERVE
