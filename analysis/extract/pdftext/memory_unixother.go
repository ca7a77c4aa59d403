//go:build unix && !linux

package pdftext

const mapNoReserve = 0
