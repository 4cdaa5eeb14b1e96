// drop-files.mjs — files dropped anywhere on a page, for the offline pages
// (results.html, studio.html): the whole page takes the drop, ZONE (the
// page's drop area) is marked while files are dragged over, and ONFILES
// gets the FileList dropped. The pages' own file pickers stay the way to
// do it by keyboard.
export function acceptDroppedFiles(zone, onFiles) {
    const page = document.documentElement;
    for (const target of [page, zone])
        target.addEventListener('dragover', (event) => {
            event.preventDefault();
            zone.classList.add('drop-zone--over');
        });
    page.addEventListener('dragleave', () => zone.classList.remove('drop-zone--over'));
    page.addEventListener('drop', (event) => {
        event.preventDefault();
        zone.classList.remove('drop-zone--over');
        onFiles(event.dataTransfer.files);
    });
}
