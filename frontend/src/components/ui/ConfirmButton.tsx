import { useEffect, useRef, useState } from "react"
import { Button } from "./Button"

/** A button that asks "Are you sure?" in a modal dialog before running `onConfirm`. */
export function ConfirmButton({
  label,
  question,
  confirmLabel,
  onConfirm,
  ariaLabel,
}: {
  label: string
  question: string
  confirmLabel: string
  onConfirm: () => void
  ariaLabel?: string
}) {
  const [open, setOpen] = useState(false)
  const dialog = useRef<HTMLDialogElement>(null)
  useEffect(() => {
    if (open) dialog.current?.showModal()
    else dialog.current?.close()
  }, [open])
  return (
    <>
      <Button variant="danger" aria-label={ariaLabel ?? label} onClick={() => setOpen(true)}>
        {label}
      </Button>
      <dialog ref={dialog} className="dialog" onClose={() => setOpen(false)}>
        <p>{question}</p>
        <div className="row end">
          <Button onClick={() => setOpen(false)}>Cancel</Button>
          <Button
            variant="danger"
            onClick={() => {
              setOpen(false)
              onConfirm()
            }}
          >
            {confirmLabel}
          </Button>
        </div>
      </dialog>
    </>
  )
}
